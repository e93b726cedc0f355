/**
 * For a worker that only compiles and runs circuits: noir_wasm fetches a `git =` dependency from
 * GitHub with the global fetch; zkcoder compiles offline, so fetch fails there. A module of its
 * own so that a worker can refuse the network without loading noir_wasm.
 */
export function refuseNetwork(): void {
  globalThis.fetch = () => Promise.reject(new Error('zkcoder compiles offline: dependencies are never fetched'));
}
