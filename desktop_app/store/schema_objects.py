"""The objects (tables, indexes) each schema version defines, exactly as the migrations create
them: ``(type, name, table, SQL)`` with the SQL's whitespace collapsed.

A workspace is untrusted input: before anything else runs on it, its ``sqlite_schema`` must hold
exactly these objects for its ``user_version``. An extra trigger, a view in place of a table, a
changed column or CHECK constraint would otherwise run on the app's own statements.

Generated from the migrations; tests/store/test_schema_objects.py rebuilds each version and fails,
printing the new value, when a migration and this table disagree.
"""

from __future__ import annotations

SchemaObject = tuple[str, str, str, "str | None"]

EXPECTED: dict[int, tuple[SchemaObject, ...]] = {0: (),
 1: (('index',
      'ix_activity_lifecycle_pk',
      'activity',
      'CREATE INDEX ix_activity_lifecycle_pk ON activity (lifecycle_pk)'),
     ('index',
      'ix_edges_lifecycle_seq',
      'edges',
      'CREATE INDEX ix_edges_lifecycle_seq ON edges (lifecycle_pk, seq)'),
     ('index', 'ix_edges_source_pk', 'edges', 'CREATE INDEX ix_edges_source_pk ON edges (source_pk)'),
     ('index', 'ix_edges_target_pk', 'edges', 'CREATE INDEX ix_edges_target_pk ON edges (target_pk)'),
     ('index', 'ix_items_phase_pk', 'items', 'CREATE INDEX ix_items_phase_pk ON items (phase_pk)'),
     ('index',
      'ix_stages_lifecycle_seq',
      'stages',
      'CREATE INDEX ix_stages_lifecycle_seq ON stages (lifecycle_pk, seq)'),
     ('index', 'sqlite_autoindex_alembic_version_1', 'alembic_version', None),
     ('index', 'sqlite_autoindex_edges_1', 'edges', None),
     ('index', 'sqlite_autoindex_items_1', 'items', None),
     ('index', 'sqlite_autoindex_owners_1', 'owners', None),
     ('index', 'sqlite_autoindex_phases_1', 'phases', None),
     ('index', 'sqlite_autoindex_rule_settings_1', 'rule_settings', None),
     ('index', 'sqlite_autoindex_snapshots_1', 'snapshots', None),
     ('index', 'sqlite_autoindex_stages_1', 'stages', None),
     ('table',
      'activity',
      'activity',
      'CREATE TABLE activity ( pk INTEGER NOT NULL, lifecycle_pk INTEGER, at DATETIME NOT NULL, operation '
      'VARCHAR(40) NOT NULL, summary TEXT NOT NULL, PRIMARY KEY (pk) )'),
     ('table',
      'alembic_version',
      'alembic_version',
      'CREATE TABLE alembic_version ( version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc '
      'PRIMARY KEY (version_num) )'),
     ('table',
      'edges',
      'edges',
      'CREATE TABLE edges ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, "key" VARCHAR(64) NOT NULL, '
      'source_pk INTEGER NOT NULL, target_pk INTEGER NOT NULL, kind VARCHAR(10) NOT NULL, "trigger" '
      'VARCHAR(10) NOT NULL, latency_days FLOAT, label TEXT NOT NULL, seq FLOAT NOT NULL, PRIMARY KEY (pk), '
      'UNIQUE (lifecycle_pk, "key"), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE, '
      'FOREIGN KEY(source_pk) REFERENCES stages (pk) ON DELETE CASCADE, FOREIGN KEY(target_pk) REFERENCES '
      'stages (pk) ON DELETE CASCADE )'),
     ('table',
      'items',
      'items',
      'CREATE TABLE items ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, phase_pk INTEGER NOT NULL, '
      '"key" VARCHAR(64) NOT NULL, title TEXT NOT NULL, status VARCHAR(10) NOT NULL, owner_pk INTEGER, due '
      'DATE, done_on DATE, notes TEXT NOT NULL, seq FLOAT NOT NULL, PRIMARY KEY (pk), UNIQUE (lifecycle_pk, '
      '"key"), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE, FOREIGN KEY(phase_pk) '
      'REFERENCES phases (pk) ON DELETE CASCADE, FOREIGN KEY(owner_pk) REFERENCES owners (pk) )'),
     ('table',
      'lifecycles',
      'lifecycles',
      'CREATE TABLE lifecycles ( pk INTEGER NOT NULL, name VARCHAR(200) NOT NULL, paradigm VARCHAR(20) NOT '
      'NULL, description TEXT NOT NULL, created_at DATETIME NOT NULL, deleted BOOLEAN NOT NULL, PRIMARY KEY '
      '(pk) )'),
     ('table',
      'owners',
      'owners',
      'CREATE TABLE owners ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, "key" VARCHAR(64) NOT NULL, '
      'name TEXT NOT NULL, kind VARCHAR(10) NOT NULL, seq FLOAT NOT NULL, PRIMARY KEY (pk), UNIQUE '
      '(lifecycle_pk, "key"), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE )'),
     ('table',
      'phases',
      'phases',
      'CREATE TABLE phases ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, number INTEGER NOT NULL, '
      'planned_start DATE, planned_end DATE, seq FLOAT NOT NULL, PRIMARY KEY (pk), UNIQUE (lifecycle_pk, '
      'number), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE )'),
     ('table',
      'rule_settings',
      'rule_settings',
      'CREATE TABLE rule_settings ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, code VARCHAR(10) NOT '
      'NULL, severity VARCHAR(10), parameters TEXT NOT NULL, PRIMARY KEY (pk), UNIQUE (lifecycle_pk, code), '
      'FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE )'),
     ('table',
      'snapshots',
      'snapshots',
      'CREATE TABLE snapshots ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, label VARCHAR(200) NOT '
      'NULL, taken_at DATETIME NOT NULL, auto BOOLEAN NOT NULL, document TEXT NOT NULL, PRIMARY KEY (pk), '
      'UNIQUE (lifecycle_pk, label), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE '
      ')'),
     ('table',
      'stages',
      'stages',
      'CREATE TABLE stages ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, "key" VARCHAR(64) NOT NULL, '
      'name VARCHAR(200) NOT NULL, kind VARCHAR(10) NOT NULL, owner_pk INTEGER, automation VARCHAR(10) NOT '
      'NULL, criteria TEXT NOT NULL, notes TEXT NOT NULL, x FLOAT NOT NULL, y FLOAT NOT NULL, seq FLOAT NOT '
      'NULL, PRIMARY KEY (pk), UNIQUE (lifecycle_pk, "key"), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles '
      '(pk) ON DELETE CASCADE, FOREIGN KEY(owner_pk) REFERENCES owners (pk) )'),
     ('table',
      'suppressions',
      'suppressions',
      'CREATE TABLE suppressions ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, rule VARCHAR(10) NOT '
      'NULL, stage VARCHAR(64), reason TEXT NOT NULL, seq FLOAT NOT NULL, PRIMARY KEY (pk), FOREIGN '
      'KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE )')),
 2: (('index',
      'ix_action_items_retrospective_pk',
      'action_items',
      'CREATE INDEX ix_action_items_retrospective_pk ON action_items (retrospective_pk)'),
     ('index',
      'ix_activity_lifecycle_pk',
      'activity',
      'CREATE INDEX ix_activity_lifecycle_pk ON activity (lifecycle_pk)'),
     ('index',
      'ix_edges_lifecycle_seq',
      'edges',
      'CREATE INDEX ix_edges_lifecycle_seq ON edges (lifecycle_pk, seq)'),
     ('index', 'ix_edges_source_pk', 'edges', 'CREATE INDEX ix_edges_source_pk ON edges (source_pk)'),
     ('index', 'ix_edges_target_pk', 'edges', 'CREATE INDEX ix_edges_target_pk ON edges (target_pk)'),
     ('index', 'ix_items_phase_pk', 'items', 'CREATE INDEX ix_items_phase_pk ON items (phase_pk)'),
     ('index',
      'ix_stages_lifecycle_seq',
      'stages',
      'CREATE INDEX ix_stages_lifecycle_seq ON stages (lifecycle_pk, seq)'),
     ('index', 'sqlite_autoindex_alembic_version_1', 'alembic_version', None),
     ('index', 'sqlite_autoindex_edges_1', 'edges', None),
     ('index', 'sqlite_autoindex_items_1', 'items', None),
     ('index', 'sqlite_autoindex_owners_1', 'owners', None),
     ('index', 'sqlite_autoindex_phases_1', 'phases', None),
     ('index', 'sqlite_autoindex_rule_settings_1', 'rule_settings', None),
     ('index', 'sqlite_autoindex_snapshots_1', 'snapshots', None),
     ('index', 'sqlite_autoindex_stages_1', 'stages', None),
     ('table',
      'action_items',
      'action_items',
      'CREATE TABLE action_items ( pk INTEGER NOT NULL, retrospective_pk INTEGER NOT NULL, title TEXT NOT '
      'NULL, done BOOLEAN NOT NULL, promoted_item VARCHAR(64), seq FLOAT NOT NULL, PRIMARY KEY (pk), FOREIGN '
      'KEY(retrospective_pk) REFERENCES retrospectives (pk) ON DELETE CASCADE )'),
     ('table',
      'activity',
      'activity',
      'CREATE TABLE activity ( pk INTEGER NOT NULL, lifecycle_pk INTEGER, at DATETIME NOT NULL, operation '
      'VARCHAR(40) NOT NULL, summary TEXT NOT NULL, PRIMARY KEY (pk) )'),
     ('table',
      'alembic_version',
      'alembic_version',
      'CREATE TABLE alembic_version ( version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc '
      'PRIMARY KEY (version_num) )'),
     ('table',
      'edges',
      'edges',
      'CREATE TABLE edges ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, "key" VARCHAR(64) NOT NULL, '
      'source_pk INTEGER NOT NULL, target_pk INTEGER NOT NULL, kind VARCHAR(10) NOT NULL, "trigger" '
      'VARCHAR(10) NOT NULL, latency_days FLOAT, label TEXT NOT NULL, seq FLOAT NOT NULL, PRIMARY KEY (pk), '
      'UNIQUE (lifecycle_pk, "key"), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE, '
      'FOREIGN KEY(source_pk) REFERENCES stages (pk) ON DELETE CASCADE, FOREIGN KEY(target_pk) REFERENCES '
      'stages (pk) ON DELETE CASCADE )'),
     ('table',
      'items',
      'items',
      'CREATE TABLE items ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, phase_pk INTEGER NOT NULL, '
      '"key" VARCHAR(64) NOT NULL, title TEXT NOT NULL, status VARCHAR(10) NOT NULL, owner_pk INTEGER, due '
      'DATE, done_on DATE, notes TEXT NOT NULL, seq FLOAT NOT NULL, PRIMARY KEY (pk), UNIQUE (lifecycle_pk, '
      '"key"), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE, FOREIGN KEY(phase_pk) '
      'REFERENCES phases (pk) ON DELETE CASCADE, FOREIGN KEY(owner_pk) REFERENCES owners (pk) )'),
     ('table',
      'lifecycles',
      'lifecycles',
      'CREATE TABLE lifecycles ( pk INTEGER NOT NULL, name VARCHAR(200) NOT NULL, paradigm VARCHAR(20) NOT '
      'NULL, description TEXT NOT NULL, created_at DATETIME NOT NULL, deleted BOOLEAN NOT NULL, PRIMARY KEY '
      '(pk) )'),
     ('table',
      'owners',
      'owners',
      'CREATE TABLE owners ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, "key" VARCHAR(64) NOT NULL, '
      'name TEXT NOT NULL, kind VARCHAR(10) NOT NULL, seq FLOAT NOT NULL, PRIMARY KEY (pk), UNIQUE '
      '(lifecycle_pk, "key"), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE )'),
     ('table',
      'phases',
      'phases',
      'CREATE TABLE phases ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, number INTEGER NOT NULL, '
      'planned_start DATE, planned_end DATE, seq FLOAT NOT NULL, PRIMARY KEY (pk), UNIQUE (lifecycle_pk, '
      'number), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE )'),
     ('table',
      'retrospectives',
      'retrospectives',
      'CREATE TABLE retrospectives ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, since_snapshot_pk '
      'INTEGER, until_snapshot_pk INTEGER, notes TEXT NOT NULL, created_at DATETIME NOT NULL, PRIMARY KEY '
      '(pk), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE, FOREIGN '
      'KEY(since_snapshot_pk) REFERENCES snapshots (pk) ON DELETE SET NULL, FOREIGN KEY(until_snapshot_pk) '
      'REFERENCES snapshots (pk) ON DELETE SET NULL )'),
     ('table',
      'rule_settings',
      'rule_settings',
      'CREATE TABLE rule_settings ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, code VARCHAR(10) NOT '
      'NULL, severity VARCHAR(10), parameters TEXT NOT NULL, PRIMARY KEY (pk), UNIQUE (lifecycle_pk, code), '
      'FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE )'),
     ('table',
      'snapshots',
      'snapshots',
      'CREATE TABLE snapshots ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, label VARCHAR(200) NOT '
      'NULL, taken_at DATETIME NOT NULL, auto BOOLEAN NOT NULL, document TEXT NOT NULL, PRIMARY KEY (pk), '
      'UNIQUE (lifecycle_pk, label), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE '
      ')'),
     ('table',
      'stages',
      'stages',
      'CREATE TABLE stages ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, "key" VARCHAR(64) NOT NULL, '
      'name VARCHAR(200) NOT NULL, kind VARCHAR(10) NOT NULL, owner_pk INTEGER, automation VARCHAR(10) NOT '
      'NULL, criteria TEXT NOT NULL, notes TEXT NOT NULL, x FLOAT NOT NULL, y FLOAT NOT NULL, seq FLOAT NOT '
      'NULL, PRIMARY KEY (pk), UNIQUE (lifecycle_pk, "key"), FOREIGN KEY(lifecycle_pk) REFERENCES lifecycles '
      '(pk) ON DELETE CASCADE, FOREIGN KEY(owner_pk) REFERENCES owners (pk) )'),
     ('table',
      'suppressions',
      'suppressions',
      'CREATE TABLE suppressions ( pk INTEGER NOT NULL, lifecycle_pk INTEGER NOT NULL, rule VARCHAR(10) NOT '
      'NULL, stage VARCHAR(64), reason TEXT NOT NULL, seq FLOAT NOT NULL, PRIMARY KEY (pk), FOREIGN '
      'KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE )')),
 3: (('index',
      'ix_action_items_retrospective_pk',
      'action_items',
      'CREATE INDEX ix_action_items_retrospective_pk ON action_items (retrospective_pk)'),
     ('index',
      'ix_activity_lifecycle_pk',
      'activity',
      'CREATE INDEX ix_activity_lifecycle_pk ON activity (lifecycle_pk)'),
     ('index',
      'ix_edges_lifecycle_seq',
      'edges',
      'CREATE INDEX ix_edges_lifecycle_seq ON edges (lifecycle_pk, seq)'),
     ('index', 'ix_edges_source_pk', 'edges', 'CREATE INDEX ix_edges_source_pk ON edges (source_pk)'),
     ('index', 'ix_edges_target_pk', 'edges', 'CREATE INDEX ix_edges_target_pk ON edges (target_pk)'),
     ('index', 'ix_items_phase_pk', 'items', 'CREATE INDEX ix_items_phase_pk ON items (phase_pk)'),
     ('index',
      'ix_stages_lifecycle_seq',
      'stages',
      'CREATE INDEX ix_stages_lifecycle_seq ON stages (lifecycle_pk, seq)'),
     ('index', 'sqlite_autoindex_alembic_version_1', 'alembic_version', None),
     ('index', 'sqlite_autoindex_edges_1', 'edges', None),
     ('index', 'sqlite_autoindex_items_1', 'items', None),
     ('index', 'sqlite_autoindex_owners_1', 'owners', None),
     ('index', 'sqlite_autoindex_phases_1', 'phases', None),
     ('index', 'sqlite_autoindex_rule_settings_1', 'rule_settings', None),
     ('index', 'sqlite_autoindex_snapshots_1', 'snapshots', None),
     ('index', 'sqlite_autoindex_stages_1', 'stages', None),
     ('table',
      'action_items',
      'action_items',
      'CREATE TABLE "action_items" ( pk INTEGER NOT NULL PRIMARY KEY, retrospective_pk INTEGER NOT NULL, '
      'title TEXT NOT NULL, done INTEGER NOT NULL CHECK (done IN (0, 1)), promoted_item TEXT CHECK '
      "(length(promoted_item) BETWEEN 1 AND 64 AND promoted_item NOT GLOB '*[^A-Za-z0-9_.-]*'), seq REAL NOT "
      'NULL CHECK (abs(seq) <= 1.7976931348623157e308), FOREIGN KEY (retrospective_pk) REFERENCES '
      'retrospectives (pk) ON DELETE CASCADE ) STRICT'),
     ('table',
      'activity',
      'activity',
      'CREATE TABLE "activity" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER, at TEXT NOT NULL '
      "CHECK (datetime(substr(at, 1, 19), '+0 days') IS substr(at, 1, 19) AND (length(at) = 19 OR "
      "(length(at) = 26 AND substr(at, 20) GLOB '.[0-9][0-9][0-9][0-9][0-9][0-9]'))), operation TEXT NOT "
      'NULL, summary TEXT NOT NULL ) STRICT'),
     ('table',
      'alembic_version',
      'alembic_version',
      'CREATE TABLE alembic_version ( version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc '
      'PRIMARY KEY (version_num) )'),
     ('table',
      'edges',
      'edges',
      'CREATE TABLE "edges" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, "key" TEXT NOT '
      'NULL CHECK (length("key") BETWEEN 1 AND 64 AND "key" NOT GLOB \'*[^A-Za-z0-9_.-]*\'), source_pk '
      "INTEGER NOT NULL, target_pk INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('flow', "
      '\'feedback\')), "trigger" TEXT NOT NULL CHECK ("trigger" IN (\'manual\', \'schedule\', \'alert\', '
      "'drift')), latency_days REAL CHECK (latency_days >= 0 AND abs(latency_days) <= "
      '1.7976931348623157e308), label TEXT NOT NULL, seq REAL NOT NULL CHECK (abs(seq) <= '
      '1.7976931348623157e308), UNIQUE (lifecycle_pk, "key"), FOREIGN KEY (lifecycle_pk) REFERENCES '
      'lifecycles (pk) ON DELETE CASCADE, FOREIGN KEY (source_pk) REFERENCES stages (pk) ON DELETE CASCADE, '
      'FOREIGN KEY (target_pk) REFERENCES stages (pk) ON DELETE CASCADE ) STRICT'),
     ('table',
      'items',
      'items',
      'CREATE TABLE "items" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, phase_pk '
      'INTEGER NOT NULL, "key" TEXT NOT NULL CHECK (length("key") BETWEEN 1 AND 64 AND "key" NOT GLOB '
      "'*[^A-Za-z0-9_.-]*'), title TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('todo', 'doing', "
      "'done', 'blocked')), owner_pk INTEGER, due TEXT CHECK (date(due, '+0 days') IS due), done_on TEXT "
      "CHECK (date(done_on, '+0 days') IS done_on), notes TEXT NOT NULL, seq REAL NOT NULL CHECK (abs(seq) "
      '<= 1.7976931348623157e308), UNIQUE (lifecycle_pk, "key"), FOREIGN KEY (lifecycle_pk) REFERENCES '
      'lifecycles (pk) ON DELETE CASCADE, FOREIGN KEY (phase_pk) REFERENCES phases (pk) ON DELETE CASCADE, '
      'FOREIGN KEY (owner_pk) REFERENCES owners (pk) ) STRICT'),
     ('table',
      'lifecycles',
      'lifecycles',
      'CREATE TABLE "lifecycles" ( pk INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL CHECK (name != \'\' '
      "AND length(name) <= 200), paradigm TEXT NOT NULL CHECK (paradigm IN ('assembly-line', "
      "'feedback-loop', 'hybrid')), description TEXT NOT NULL, created_at TEXT NOT NULL CHECK "
      "(datetime(substr(created_at, 1, 19), '+0 days') IS substr(created_at, 1, 19) AND (length(created_at) "
      '= 19 OR (length(created_at) = 26 AND substr(created_at, 20) GLOB '
      "'.[0-9][0-9][0-9][0-9][0-9][0-9]'))), deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)) ) STRICT"),
     ('table',
      'owners',
      'owners',
      'CREATE TABLE "owners" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, "key" TEXT '
      'NOT NULL CHECK (length("key") BETWEEN 1 AND 64 AND "key" NOT GLOB \'*[^A-Za-z0-9_.-]*\'), name TEXT '
      "NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('team', 'role', 'person')), seq REAL NOT NULL CHECK "
      '(abs(seq) <= 1.7976931348623157e308), UNIQUE (lifecycle_pk, "key"), FOREIGN KEY (lifecycle_pk) '
      'REFERENCES lifecycles (pk) ON DELETE CASCADE ) STRICT'),
     ('table',
      'phases',
      'phases',
      'CREATE TABLE "phases" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, number '
      "INTEGER NOT NULL CHECK (number BETWEEN 1 AND 4), planned_start TEXT CHECK (date(planned_start, '+0 "
      "days') IS planned_start), planned_end TEXT CHECK (date(planned_end, '+0 days') IS planned_end), seq "
      'REAL NOT NULL CHECK (abs(seq) <= 1.7976931348623157e308), UNIQUE (lifecycle_pk, number), FOREIGN KEY '
      '(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE ) STRICT'),
     ('table',
      'retrospectives',
      'retrospectives',
      'CREATE TABLE "retrospectives" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, '
      'since_snapshot_pk INTEGER, until_snapshot_pk INTEGER, notes TEXT NOT NULL, created_at TEXT NOT NULL '
      "CHECK (datetime(substr(created_at, 1, 19), '+0 days') IS substr(created_at, 1, 19) AND "
      '(length(created_at) = 19 OR (length(created_at) = 26 AND substr(created_at, 20) GLOB '
      "'.[0-9][0-9][0-9][0-9][0-9][0-9]'))), FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE "
      'CASCADE, FOREIGN KEY (since_snapshot_pk) REFERENCES snapshots (pk) ON DELETE SET NULL, FOREIGN KEY '
      '(until_snapshot_pk) REFERENCES snapshots (pk) ON DELETE SET NULL ) STRICT'),
     ('table',
      'rule_settings',
      'rule_settings',
      'CREATE TABLE "rule_settings" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, code '
      "TEXT NOT NULL CHECK (code GLOB 'LC[0-9][0-9][0-9]'), severity TEXT CHECK (severity IN ('error', "
      "'warning', 'info', 'off')), parameters TEXT NOT NULL, UNIQUE (lifecycle_pk, code), FOREIGN KEY "
      '(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE ) STRICT'),
     ('table',
      'snapshots',
      'snapshots',
      'CREATE TABLE "snapshots" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, label TEXT '
      "NOT NULL, taken_at TEXT NOT NULL CHECK (datetime(substr(taken_at, 1, 19), '+0 days') IS "
      'substr(taken_at, 1, 19) AND (length(taken_at) = 19 OR (length(taken_at) = 26 AND substr(taken_at, 20) '
      "GLOB '.[0-9][0-9][0-9][0-9][0-9][0-9]'))), auto INTEGER NOT NULL CHECK (auto IN (0, 1)), document "
      'TEXT NOT NULL, UNIQUE (lifecycle_pk, label), FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON '
      'DELETE CASCADE ) STRICT'),
     ('table',
      'stages',
      'stages',
      'CREATE TABLE "stages" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, "key" TEXT '
      'NOT NULL CHECK (length("key") BETWEEN 1 AND 64 AND "key" NOT GLOB \'*[^A-Za-z0-9_.-]*\'), name TEXT '
      "NOT NULL CHECK (name != '' AND length(name) <= 200), kind TEXT NOT NULL CHECK (kind IN ('business', "
      "'data', 'develop', 'validate', 'gate', 'deploy', 'monitor', 'learn', 'other')), owner_pk INTEGER, "
      "automation TEXT NOT NULL CHECK (automation IN ('manual', 'partial', 'automated')), criteria TEXT NOT "
      'NULL, notes TEXT NOT NULL, x REAL NOT NULL CHECK (abs(x) <= 1.7976931348623157e308), y REAL NOT NULL '
      'CHECK (abs(y) <= 1.7976931348623157e308), seq REAL NOT NULL CHECK (abs(seq) <= '
      '1.7976931348623157e308), UNIQUE (lifecycle_pk, "key"), FOREIGN KEY (lifecycle_pk) REFERENCES '
      'lifecycles (pk) ON DELETE CASCADE, FOREIGN KEY (owner_pk) REFERENCES owners (pk) ) STRICT'),
     ('table',
      'suppressions',
      'suppressions',
      'CREATE TABLE "suppressions" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, rule '
      "TEXT NOT NULL CHECK (rule GLOB 'LC[0-9][0-9][0-9]'), stage TEXT CHECK (length(stage) BETWEEN 1 AND 64 "
      "AND stage NOT GLOB '*[^A-Za-z0-9_.-]*'), reason TEXT NOT NULL, seq REAL NOT NULL CHECK (abs(seq) <= "
      '1.7976931348623157e308), FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE ) '
      'STRICT')),
 4: (('index',
      'ix_action_items_retrospective_pk',
      'action_items',
      'CREATE INDEX ix_action_items_retrospective_pk ON action_items (retrospective_pk)'),
     ('index',
      'ix_activity_lifecycle_pk',
      'activity',
      'CREATE INDEX ix_activity_lifecycle_pk ON activity (lifecycle_pk)'),
     ('index',
      'ix_activity_lifecycle_revision',
      'activity',
      'CREATE INDEX ix_activity_lifecycle_revision ON activity (lifecycle_pk, revision)'),
     ('index',
      'ix_edges_lifecycle_seq',
      'edges',
      'CREATE INDEX ix_edges_lifecycle_seq ON edges (lifecycle_pk, seq)'),
     ('index', 'ix_edges_source_pk', 'edges', 'CREATE INDEX ix_edges_source_pk ON edges (source_pk)'),
     ('index', 'ix_edges_target_pk', 'edges', 'CREATE INDEX ix_edges_target_pk ON edges (target_pk)'),
     ('index', 'ix_items_phase_pk', 'items', 'CREATE INDEX ix_items_phase_pk ON items (phase_pk)'),
     ('index',
      'ix_removals_lifecycle_key',
      'removals',
      'CREATE INDEX ix_removals_lifecycle_key ON removals (lifecycle_pk, kind, "key")'),
     ('index',
      'ix_stages_lifecycle_seq',
      'stages',
      'CREATE INDEX ix_stages_lifecycle_seq ON stages (lifecycle_pk, seq)'),
     ('index', 'sqlite_autoindex_alembic_version_1', 'alembic_version', None),
     ('index', 'sqlite_autoindex_edges_1', 'edges', None),
     ('index', 'sqlite_autoindex_items_1', 'items', None),
     ('index', 'sqlite_autoindex_owners_1', 'owners', None),
     ('index', 'sqlite_autoindex_phases_1', 'phases', None),
     ('index', 'sqlite_autoindex_rule_settings_1', 'rule_settings', None),
     ('index', 'sqlite_autoindex_snapshots_1', 'snapshots', None),
     ('index', 'sqlite_autoindex_stages_1', 'stages', None),
     ('table',
      'action_items',
      'action_items',
      'CREATE TABLE "action_items" ( pk INTEGER NOT NULL PRIMARY KEY, retrospective_pk INTEGER NOT NULL, '
      'title TEXT NOT NULL, done INTEGER NOT NULL CHECK (done IN (0, 1)), promoted_item TEXT CHECK '
      "(length(promoted_item) BETWEEN 1 AND 64 AND promoted_item NOT GLOB '*[^A-Za-z0-9_.-]*'), seq REAL NOT "
      'NULL CHECK (abs(seq) <= 1.7976931348623157e308), FOREIGN KEY (retrospective_pk) REFERENCES '
      'retrospectives (pk) ON DELETE CASCADE ) STRICT'),
     ('table',
      'activity',
      'activity',
      'CREATE TABLE "activity" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER, at TEXT NOT NULL '
      "CHECK (datetime(substr(at, 1, 19), '+0 days') IS substr(at, 1, 19) AND (length(at) = 19 OR "
      "(length(at) = 26 AND substr(at, 20) GLOB '.[0-9][0-9][0-9][0-9][0-9][0-9]'))), operation TEXT NOT "
      "NULL, summary TEXT NOT NULL , author TEXT DEFAULT '' NOT NULL, revision INTEGER, args TEXT) STRICT"),
     ('table',
      'alembic_version',
      'alembic_version',
      'CREATE TABLE alembic_version ( version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc '
      'PRIMARY KEY (version_num) )'),
     ('table',
      'edges',
      'edges',
      'CREATE TABLE "edges" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, "key" TEXT NOT '
      'NULL CHECK (length("key") BETWEEN 1 AND 64 AND "key" NOT GLOB \'*[^A-Za-z0-9_.-]*\'), source_pk '
      "INTEGER NOT NULL, target_pk INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('flow', "
      '\'feedback\')), "trigger" TEXT NOT NULL CHECK ("trigger" IN (\'manual\', \'schedule\', \'alert\', '
      "'drift')), latency_days REAL CHECK (latency_days >= 0 AND abs(latency_days) <= "
      '1.7976931348623157e308), label TEXT NOT NULL, seq REAL NOT NULL CHECK (abs(seq) <= '
      '1.7976931348623157e308), rev INTEGER DEFAULT 0 NOT NULL, UNIQUE (lifecycle_pk, "key"), FOREIGN KEY '
      '(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE, FOREIGN KEY (source_pk) REFERENCES '
      'stages (pk) ON DELETE CASCADE, FOREIGN KEY (target_pk) REFERENCES stages (pk) ON DELETE CASCADE ) '
      'STRICT'),
     ('table',
      'items',
      'items',
      'CREATE TABLE "items" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, phase_pk '
      'INTEGER NOT NULL, "key" TEXT NOT NULL CHECK (length("key") BETWEEN 1 AND 64 AND "key" NOT GLOB '
      "'*[^A-Za-z0-9_.-]*'), title TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('todo', 'doing', "
      "'done', 'blocked')), owner_pk INTEGER, due TEXT CHECK (date(due, '+0 days') IS due), done_on TEXT "
      "CHECK (date(done_on, '+0 days') IS done_on), notes TEXT NOT NULL, seq REAL NOT NULL CHECK (abs(seq) "
      '<= 1.7976931348623157e308), rev INTEGER DEFAULT 0 NOT NULL, UNIQUE (lifecycle_pk, "key"), FOREIGN KEY '
      '(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE, FOREIGN KEY (phase_pk) REFERENCES phases '
      '(pk) ON DELETE CASCADE, FOREIGN KEY (owner_pk) REFERENCES owners (pk) ) STRICT'),
     ('table',
      'lifecycles',
      'lifecycles',
      'CREATE TABLE "lifecycles" ( pk INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL CHECK (name != \'\' '
      "AND length(name) <= 200), paradigm TEXT NOT NULL CHECK (paradigm IN ('assembly-line', "
      "'feedback-loop', 'hybrid')), description TEXT NOT NULL, created_at TEXT NOT NULL CHECK "
      "(datetime(substr(created_at, 1, 19), '+0 days') IS substr(created_at, 1, 19) AND (length(created_at) "
      '= 19 OR (length(created_at) = 26 AND substr(created_at, 20) GLOB '
      "'.[0-9][0-9][0-9][0-9][0-9][0-9]'))), deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)) , revision "
      'INTEGER DEFAULT 0 NOT NULL, rev INTEGER DEFAULT 0 NOT NULL) STRICT'),
     ('table',
      'owners',
      'owners',
      'CREATE TABLE "owners" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, "key" TEXT '
      'NOT NULL CHECK (length("key") BETWEEN 1 AND 64 AND "key" NOT GLOB \'*[^A-Za-z0-9_.-]*\'), name TEXT '
      "NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('team', 'role', 'person')), seq REAL NOT NULL CHECK "
      '(abs(seq) <= 1.7976931348623157e308), rev INTEGER DEFAULT 0 NOT NULL, UNIQUE (lifecycle_pk, "key"), '
      'FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE ) STRICT'),
     ('table',
      'phases',
      'phases',
      'CREATE TABLE "phases" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, number '
      "INTEGER NOT NULL CHECK (number BETWEEN 1 AND 4), planned_start TEXT CHECK (date(planned_start, '+0 "
      "days') IS planned_start), planned_end TEXT CHECK (date(planned_end, '+0 days') IS planned_end), seq "
      'REAL NOT NULL CHECK (abs(seq) <= 1.7976931348623157e308), rev INTEGER DEFAULT 0 NOT NULL, UNIQUE '
      '(lifecycle_pk, number), FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE ) '
      'STRICT'),
     ('table',
      'removals',
      'removals',
      'CREATE TABLE removals ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, kind TEXT NOT '
      'NULL CHECK (kind IN (\'stage\', \'edge\', \'owner\', \'item\', \'rule\', \'suppression\')), "key" '
      'TEXT NOT NULL, name TEXT NOT NULL, rev INTEGER NOT NULL CHECK (rev >= 0), FOREIGN KEY (lifecycle_pk) '
      'REFERENCES lifecycles (pk) ON DELETE CASCADE ) STRICT'),
     ('table',
      'retrospectives',
      'retrospectives',
      'CREATE TABLE "retrospectives" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, '
      'since_snapshot_pk INTEGER, until_snapshot_pk INTEGER, notes TEXT NOT NULL, created_at TEXT NOT NULL '
      "CHECK (datetime(substr(created_at, 1, 19), '+0 days') IS substr(created_at, 1, 19) AND "
      '(length(created_at) = 19 OR (length(created_at) = 26 AND substr(created_at, 20) GLOB '
      "'.[0-9][0-9][0-9][0-9][0-9][0-9]'))), FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE "
      'CASCADE, FOREIGN KEY (since_snapshot_pk) REFERENCES snapshots (pk) ON DELETE SET NULL, FOREIGN KEY '
      '(until_snapshot_pk) REFERENCES snapshots (pk) ON DELETE SET NULL ) STRICT'),
     ('table',
      'rule_settings',
      'rule_settings',
      'CREATE TABLE "rule_settings" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, code '
      "TEXT NOT NULL CHECK (code GLOB 'LC[0-9][0-9][0-9]'), severity TEXT CHECK (severity IN ('error', "
      "'warning', 'info', 'off')), parameters TEXT NOT NULL, rev INTEGER DEFAULT 0 NOT NULL, UNIQUE "
      '(lifecycle_pk, code), FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE ) '
      'STRICT'),
     ('table',
      'snapshots',
      'snapshots',
      'CREATE TABLE "snapshots" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, label TEXT '
      "NOT NULL, taken_at TEXT NOT NULL CHECK (datetime(substr(taken_at, 1, 19), '+0 days') IS "
      'substr(taken_at, 1, 19) AND (length(taken_at) = 19 OR (length(taken_at) = 26 AND substr(taken_at, 20) '
      "GLOB '.[0-9][0-9][0-9][0-9][0-9][0-9]'))), auto INTEGER NOT NULL CHECK (auto IN (0, 1)), document "
      'TEXT NOT NULL, UNIQUE (lifecycle_pk, label), FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON '
      'DELETE CASCADE ) STRICT'),
     ('table',
      'stages',
      'stages',
      'CREATE TABLE "stages" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, "key" TEXT '
      'NOT NULL CHECK (length("key") BETWEEN 1 AND 64 AND "key" NOT GLOB \'*[^A-Za-z0-9_.-]*\'), name TEXT '
      "NOT NULL CHECK (name != '' AND length(name) <= 200), kind TEXT NOT NULL CHECK (kind IN ('business', "
      "'data', 'develop', 'validate', 'gate', 'deploy', 'monitor', 'learn', 'other')), owner_pk INTEGER, "
      "automation TEXT NOT NULL CHECK (automation IN ('manual', 'partial', 'automated')), criteria TEXT NOT "
      'NULL, notes TEXT NOT NULL, x REAL NOT NULL CHECK (abs(x) <= 1.7976931348623157e308), y REAL NOT NULL '
      'CHECK (abs(y) <= 1.7976931348623157e308), seq REAL NOT NULL CHECK (abs(seq) <= '
      '1.7976931348623157e308), rev INTEGER DEFAULT 0 NOT NULL, UNIQUE (lifecycle_pk, "key"), FOREIGN KEY '
      '(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE, FOREIGN KEY (owner_pk) REFERENCES owners '
      '(pk) ) STRICT'),
     ('table',
      'suppressions',
      'suppressions',
      'CREATE TABLE "suppressions" ( pk INTEGER NOT NULL PRIMARY KEY, lifecycle_pk INTEGER NOT NULL, rule '
      "TEXT NOT NULL CHECK (rule GLOB 'LC[0-9][0-9][0-9]'), stage TEXT CHECK (length(stage) BETWEEN 1 AND 64 "
      "AND stage NOT GLOB '*[^A-Za-z0-9_.-]*'), reason TEXT NOT NULL, seq REAL NOT NULL CHECK (abs(seq) <= "
      '1.7976931348623157e308), rev INTEGER DEFAULT 0 NOT NULL, FOREIGN KEY (lifecycle_pk) REFERENCES '
      'lifecycles (pk) ON DELETE CASCADE ) STRICT'))}
