/** A stream's width in columns: undefined when it is not a terminal, whatever Node's types say. */
export function terminalColumns(stream: { columns?: number }): number | undefined {
  return stream.columns;
}
