/** A replay input (mapping, CSV file or row) that cannot be used; the message says which and how to fix it. */
export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}
