// Errors raised by referents inside the server. Only their name and message cross back to the caller, which
// rebuilds the matching class (managers/errors.ts).
export class PyError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export const keyError = (repr: string): PyError => new PyError('KeyError', repr);
export const indexError = (message: string): PyError => new PyError('IndexError', message);
export const valueError = (message: string): PyError => new PyError('ValueError', message);
export const runtimeError = (message: string): PyError => new PyError('RuntimeError', message);
export const attributeError = (message: string): PyError => new PyError('AttributeError', message);
export const typeError = (message: string): PyError => new PyError('TypeError', message);
