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

EXPECTED: dict[int, tuple[SchemaObject, ...]] = \
{0: (),
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
      'KEY(lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE )'))}
