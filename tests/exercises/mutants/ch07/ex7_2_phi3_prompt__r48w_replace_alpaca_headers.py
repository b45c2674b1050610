# MUTANT: the Phi-3 prompt made from the Alpaca one by str.replace of its headers
from llmscratch.instruction import format_input

PREAMBLE = ("Below is an instruction that describes a task. "
            "Write a response that appropriately completes the request.")


def format_input_phi3(entry):
    # reuse the Alpaca prompt and swap the headers
    text = format_input(entry)
    text = text.replace(PREAMBLE + "\n\n### Instruction:\n", "<|user|>\n")
    return text.replace("\n\n### Input:\n", "\n")


EXPECTED_CAUSE = "turns it into this one with str.replace"
