"""The JSON Schema of a content file, for editor completion via yaml-language-server."""

from __future__ import annotations

from typing import Any

from studyapp.content.validation import ContentFile


def content_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) that describes one content YAML file."""
    schema = ContentFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "studyapp content file"
    return schema
