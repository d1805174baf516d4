"""Drift checks: generated code against the generator (``check``), a spec against a newer
copy of itself (``diff``), recorded responses against the models (``verify-responses``)."""
