/** A recording that cannot be imported at all: unreadable, or of no format the importers know. */
export class RecordingImportError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = RecordingImportError.name;
  }
}
