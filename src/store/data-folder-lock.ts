// The embedded database's data folder belongs to one process: PGlite cannot share its files.
//
// The lock is a folder beside the data folder (`db.lock/`, made atomically with mkdir) holding the owner's
// process id and start time. It is held for as long as that process lives, however busy it is: there is
// no timer to miss (a slow PGlite start blocks the event loop for seconds, which let a time-based lock go
// stale and a second process in). A lock whose owner has died (`kill -9`, a power cut) is taken over at
// once.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/** Raised when another safepost process already has the embedded database's data folder open. */
export class DataFolderInUse extends Error {
  constructor(dataDir: string) {
    super(
      `another safepost process is using the data folder ${dataDir}. Stop it first (the embedded database ` +
        `cannot be shared), or run safepost on a PostgreSQL server with DATABASE_URL.`,
    );
  }
}

interface Owner {
  pid: number;
  host: string;
  /** The owner's start time as the kernel counts it (Linux), so a reused pid is not mistaken for it. */
  started: string | null;
}

/** A process's start time from /proc (clock ticks since boot), or null where /proc is not available. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the command name (field 2) may hold spaces, so count from the closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(owner: Owner): boolean {
  // Another machine's process (a shared network folder) cannot be checked from here: assume it lives.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as { code?: string }).code !== "EPERM") return false;
  }
  const started = startTime(owner.pid);
  return owner.started === null || started === null || started === owner.started;
}

function readOwner(lockDir: string): Owner | null {
  try {
    return JSON.parse(readFileSync(`${lockDir}/owner.json`, "utf8")) as Owner;
  } catch {
    return null;
  }
}

/** True when the lock folder is held by a living process, or is being made by one right now. */
function isHeld(lockDir: string): boolean {
  const owner = readOwner(lockDir);
  if (owner) return isAlive(owner);
  // mkdir and writing owner.json are two steps: a folder without an owner is someone's lock in the making.
  try {
    return Date.now() - statSync(lockDir).mtimeMs < 5_000;
  } catch {
    return false;
  }
}

/**
 * Takes the data folder for this process until the returned release is called (or the process ends).
 * Throws DataFolderInUse while another living process holds it.
 */
export function lockDataFolder(dataDir: string): () => void {
  const lockDir = `${dataDir}.lock`;
  const me: Owner = { pid: process.pid, host: hostname(), started: startTime(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      mkdirSync(lockDir);
    } catch (err) {
      if ((err as { code?: string }).code !== "EEXIST") throw err;
      if (isHeld(lockDir)) throw new DataFolderInUse(dataDir);
      // The owner is dead: move its lock aside (atomic, so of two newcomers only one moves it) and retry.
      const aside = `${lockDir}.dead-${process.pid}-${attempt}`;
      try {
        renameSync(lockDir, aside);
        const moved = readOwner(aside);
        if (moved && isAlive(moved)) {
          // A third process took the dead lock between our look and our move: give its lock back.
          renameSync(aside, lockDir);
          throw new DataFolderInUse(dataDir);
        }
        rmSync(aside, { recursive: true, force: true });
      } catch (moveErr) {
        if (moveErr instanceof DataFolderInUse) throw moveErr;
        // Another newcomer moved it first; the next attempt finds its lock.
      }
      continue;
    }
    writeFileSync(`${lockDir}/owner.json`, JSON.stringify(me));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (readOwner(lockDir)?.pid === me.pid) rmSync(lockDir, { recursive: true, force: true });
    };
  }
  throw new DataFolderInUse(dataDir);
}
