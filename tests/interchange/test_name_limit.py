"""The name limit is written once (model/document.MAX_NAME): the JSON Schema a document is
checked against, the workspace's columns and every field a user types a name in say the same."""

from __future__ import annotations

from desktop_app.interchange.schema import load_schema
from desktop_app.model.document import MAX_NAME
from desktop_app.model.tables import LifecycleRow, StageRow


def test_the_schema_and_the_columns_hold_the_model_s_name_limit():
    schema = load_schema()
    assert schema["properties"]["name"]["maxLength"] == MAX_NAME == 200
    assert schema["$defs"]["stage"]["properties"]["name"]["maxLength"] == MAX_NAME
    assert LifecycleRow.__table__.c.name.type.length == StageRow.__table__.c.name.type.length == MAX_NAME
