"""``functools.cached_property`` without the lock that Python 3.11 and older share between
every instance of a class.

With that lock, a thread computing the property of one object (the top-level names of a
300,000-line package, over a second) blocks every other thread asking for the same property
of another object (a 10-line package being edited): the language server lints in two
threads. Two threads computing the property of one object both compute it; the values are
equal and the last one is kept, which is what 3.12's ``cached_property`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached_property(Generic[T]):
    """A property computed once per instance and kept in its ``__dict__``."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object, owner: type | None = None) -> T | cached_property[T]:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value
