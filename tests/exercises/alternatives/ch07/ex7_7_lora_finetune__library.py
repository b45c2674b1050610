# Correct: llmscratch's freeze_parameters and replace_linear_with_lora (which wrap with
# LinearWithLoRA)
from llmscratch.lora import freeze_parameters, replace_linear_with_lora


def add_lora_adapters(model, rank, alpha):
    freeze_parameters(model)
    return replace_linear_with_lora(model, rank, alpha)
