# MUTANT: the Phi-3 prompt made from the Alpaca one, each header replaced once (count 1)
from llmscratch.instruction import format_input

PREAMBLE = ("Below is an instruction that describes a task. "
            "Write a response that appropriately completes the request.")


def format_input_phi3(entry):
    # reuse the Alpaca prompt and swap the headers
    text = format_input(entry)
    text = text.replace(PREAMBLE + "\n\n### Instruction:\n", "<|user|>\n")
    return text.replace("\n\n### Input:\n", "\n", 1)


EXPECTED_CAUSE = "the first '### Input:' replaced is the quoted one"
