"""The theme's templates, compiled once per process.

Every engine build makes a Jinja environment of its own, which compiles each theme template
it renders (Material's ``base.html`` and its partials: some 40). The preview builds again
and again in one process, and its engine session, opened after each full rebuild, compiled
them all again at the first save after it: at 10,000 quotes, most of that save's quick
rebuild. The hooks give each environment this cache (``engine.on_env``): Jinja's own
bytecode cache, kept in memory, keyed by the template's name and file and by the
environment's settings that change the compiled code (its extensions, its syntax), and
checked against the template's source: a template edited since, or an environment set up
otherwise (another theme language adds an extension), is compiled anew.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


class InMemory(BytecodeCache):
    """Compiled templates kept for the life of the process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        key = f"{self.get_cache_key(name, filename)}:{hash(settings(environment))}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


def settings(env: Environment) -> tuple[Any, ...]:
    """What in an environment changes the code its templates compile to."""
    escape = env.autoescape
    return (tuple(sorted(env.extensions)), env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string,
            env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
            env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
            env.keep_trailing_newline, env.optimized, env.is_async, env.finalize is None,
            escape.__qualname__ if callable(escape) else escape, env.undefined.__name__)


#: The process's compiled templates.
COMPILED = InMemory()
