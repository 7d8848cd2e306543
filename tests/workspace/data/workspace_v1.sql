-- Workspace schema version 1 (before issue 6), for tests/workspace/test_schema_migration.cpp.
-- Extracted from backend/workspace/schema.cpp createV1() at commit b4c539f; one statement per line.
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE datasets( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, note TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL);
CREATE TABLE records( id INTEGER PRIMARY KEY, dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE, instruction TEXT NOT NULL, input TEXT NOT NULL DEFAULT '', output TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '', rule TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', flagged INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL, modified INTEGER NOT NULL);
CREATE INDEX records_by_dataset ON records(dataset_id, id);
CREATE INDEX records_by_status ON records(dataset_id, status, id);
CREATE INDEX records_by_tags ON records(dataset_id, tags) WHERE tags != '';
CREATE INDEX records_by_rule ON records(dataset_id, rule) WHERE rule != '';
CREATE TABLE dataset_stats( dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE, total INTEGER NOT NULL DEFAULT 0, pending INTEGER NOT NULL DEFAULT 0, accepted INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0, flagged INTEGER NOT NULL DEFAULT 0);
CREATE TRIGGER datasets_stats_insert AFTER INSERT ON datasets BEGIN  INSERT INTO dataset_stats(dataset_id) VALUES(new.id); END;
CREATE TRIGGER records_stats_status AFTER UPDATE OF status, flagged ON records BEGIN  UPDATE dataset_stats SET   pending = pending - (old.status = 0) + (new.status = 0),   accepted = accepted - (old.status = 1) + (new.status = 1),   rejected = rejected - (old.status = 2) + (new.status = 2),   flagged = flagged - old.flagged + new.flagged  WHERE dataset_id = new.dataset_id; END;
CREATE TRIGGER records_stats_delete AFTER DELETE ON records BEGIN  UPDATE dataset_stats SET total = total - 1,   pending = pending - (old.status = 0), accepted = accepted - (old.status = 1),   rejected = rejected - (old.status = 2), flagged = flagged - old.flagged  WHERE dataset_id = old.dataset_id; END;
CREATE VIRTUAL TABLE records_fts USING fts5(instruction, input, output, content='records', content_rowid='id', tokenize='trigram');
INSERT INTO meta(key, value) VALUES('fts_upto', '0');
CREATE TRIGGER records_fts_update AFTER UPDATE OF instruction, input, output ON records WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto') BEGIN  INSERT INTO records_fts(records_fts, rowid, instruction, input, output)   VALUES('delete', old.id, old.instruction, old.input, old.output);  INSERT INTO records_fts(rowid, instruction, input, output)   VALUES(new.id, new.instruction, new.input, new.output); END;
CREATE TRIGGER records_fts_delete AFTER DELETE ON records WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto') BEGIN  INSERT INTO records_fts(records_fts, rowid, instruction, input, output)   VALUES('delete', old.id, old.instruction, old.input, old.output); END;
PRAGMA user_version = 1;
