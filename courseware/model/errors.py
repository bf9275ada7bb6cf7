"""The one error the course's sources can cause."""
from __future__ import annotations

from contextlib import contextmanager


class CourseError(Exception):
    """Problems found in the course's sources, each as `FILE:LINE: what is wrong`.

    The engine adapters turn it into the engine's own build error, so a build stops with
    these lines and no traceback."""

    def __init__(self, problems: str | list[str], heading: str = ""):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.heading = heading
        super().__init__("\n".join(([heading] if heading else []) + self.problems))


@contextmanager
def reported_as(error_type: type[Exception]):
    """Re-raise CourseError as the engine's own error type, so the engine prints the
    `FILE:LINE: …` lines and stops, without a traceback."""
    try:
        yield
    except CourseError as error:
        raise error_type(str(error)) from None
