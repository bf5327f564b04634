/** The repositories over this process's Cosmos containers (built once, on first use). */
import { containers } from "./cosmos.js";
import { CosmosDirectoryRepository, type DirectoryRepository } from "./directory-repository.js";

export interface Repositories {
  directory: DirectoryRepository;
}

let repos: Promise<Repositories> | undefined;

export function repositories(): Promise<Repositories> {
  repos ??= containers().then(
    (c) => ({ directory: new CosmosDirectoryRepository(c.directory) }),
    (err) => {
      repos = undefined;
      throw err;
    },
  );
  return repos;
}
