import type Database from 'better-sqlite3';
import { DOCS_TABLE } from './docsFile';
import { adoptFromAppSchema } from './legacyFiles';
import { LOG_TABLES, LogFile } from './logFile';
import { FILE_KINDS, type FileSchema, openSqliteFile } from './sqliteFile';

export const ROOM_SCHEMA: FileSchema = {
  ...FILE_KINDS.hubRoom,
  migrations: [(db) => db.exec(DOCS_TABLE + LOG_TABLES)],
  legacy: adoptFromAppSchema(FILE_KINDS.hubRoom.name, { keep: ['docs', 'updates', 'set_aside_changes'] }, 1),
};

/**
 * One room's file on a headless hub (`rooms/<id>.sqlite`): the room's row and its log, nothing
 * else, so a room is loaded, compacted and, if damaged, refused on its own.
 */
export class RoomFile extends LogFile {
  private constructor(file: string, db: Database.Database) {
    super(file, db);
  }

  static open(file: string): RoomFile {
    return new RoomFile(file, openSqliteFile(file, ROOM_SCHEMA));
  }
}
