/** A TAP request that cannot be run as given (bad parameter, bad upload). */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}
