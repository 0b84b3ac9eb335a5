"""The public face: __all__ is exactly the public names, and they are documented."""

import inspect

import nodecompare as nc


def test_all_is_exactly_the_public_names() -> None:
    public = {name for name in dir(nc) if not name.startswith("_")}
    modules = {name for name in public if inspect.ismodule(getattr(nc, name))}
    assert set(nc.__all__) == (public - modules) | {"__version__"}
    assert len(nc.__all__) == len(set(nc.__all__))


def test_every_public_callable_is_documented() -> None:
    for name in nc.__all__:
        value = getattr(nc, name)
        if callable(value):
            assert inspect.getdoc(value), name


def test_errors_share_one_base_and_the_builtins_users_catch() -> None:
    assert issubclass(nc.ValidationError, nc.NodeCompareError)
    assert issubclass(nc.ValidationError, ValueError)
    assert issubclass(nc.CatalogError, nc.ValidationError)
    assert issubclass(nc.UnknownNameError, LookupError)
    assert issubclass(nc.AmbiguousNameError, nc.UnknownNameError)
