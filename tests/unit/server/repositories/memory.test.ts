import { createMemoryRepositories } from "../../../../server/repositories/memory";
import { repositoryContract } from "./contract";

repositoryContract("memory", async () => createMemoryRepositories());
