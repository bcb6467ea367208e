/**
 * The handlers the in-process bus delivers to, by function name. functions/index.ts fills it when
 * it registers the entry points, so the bus finds each topic's subscriber without importing a
 * function module and without functions-framework's test tooling.
 */
import type { FunctionName } from '../topics';
import type { EventHandler } from './local';

const handlers = new Map<FunctionName, EventHandler>();

/** Registers (or replaces) the handler of each named function. */
export function registerHandlers(map: Readonly<Partial<Record<FunctionName, EventHandler>>>): void {
  for (const [name, handler] of Object.entries(map) as Array<[FunctionName, EventHandler | undefined]>) {
    if (handler) handlers.set(name, handler);
  }
}

/**
 * The handler registered under `name`.
 * @throws Error when nothing registered it (functions/index.ts was not imported).
 */
export function registeredHandler(name: FunctionName): EventHandler {
  const fn = handlers.get(name);
  if (!fn) throw new Error(`function ${name} is not registered: import functions/index first`);
  return fn;
}
