# MUTANT: every config gets an extra "name" key.
"""Exercise 4.6: configs of the larger GPT-2 models.

This is book exercise 4.2.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_6_larger_configs.py (try first!).
"""

from llmscratch import GPT_CONFIG_124M

EXPECTED_CAUSE = "has extra keys ['name']"


def larger_gpt_configs():
    """Return the configs of GPT-2 medium, large and XL, built from GPT_CONFIG_124M.

    Return a dict with the keys ``"gpt2-medium"``, ``"gpt2-large"`` and ``"gpt2-xl"``; each
    value is a full config dict: a copy of ``GPT_CONFIG_124M`` with only these changed:

    ========== ======= ======== =========
    model      emb_dim n_layers n_heads
    ========== ======= ======== =========
    medium     1024    24       16
    large      1280    36       20
    xl         1600    48       25
    ========== ======= ======== =========

    Do not modify ``GPT_CONFIG_124M`` itself (other code relies on it): copy it first. With
    ``llmscratch.count_parameters_from_config`` you can then see that medium has 406,212,608
    parameters, large 838,220,800 and xl 1,637,792,000.
    """
    sizes = {
        "gpt2-medium": {"emb_dim": 1024, "n_layers": 24, "n_heads": 16},
        "gpt2-large": {"emb_dim": 1280, "n_layers": 36, "n_heads": 20},
        "gpt2-xl": {"emb_dim": 1600, "n_layers": 48, "n_heads": 25},
    }
    return {name: {**GPT_CONFIG_124M, **size, "name": name} for name, size in sizes.items()}
