# Correct: each config from llmscratch.model_config (GPT_CONFIG_124M with three sizes changed)
from llmscratch import model_config


def larger_gpt_configs():
    return {
        "gpt2-medium": dict(model_config("355M")),
        "gpt2-large": dict(model_config("774M")),
        "gpt2-xl": dict(model_config("1558M")),
    }
