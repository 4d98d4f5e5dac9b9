"""pyrer's rez integration, in one place (docs/rez-integration.md):

* ``solver``: the solver hook's verdict on one rez resolve: ``Solved`` by pyrer's
  pipeline, or a ``Fallback`` to rez's own solver with its reason;
* ``load``: rez's loads of the package files only rez can evaluate (called from Rust);
* ``graph``: the resolve graph of a solve pyrer answered, drawn as rez draws one;
* ``enumerate``: rez's own enumeration of a repository, the reference of the benchmarks.

The switch itself lives in the ``pyrer_rez_hook`` module, which every interpreter imports
at start-up and which imports this package only when a switched-on resolve runs.
"""
