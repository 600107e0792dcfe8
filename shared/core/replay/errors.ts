/** A replay input (mapping, CSV file or row) that cannot be used; the message names it and the fix. */
export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}
