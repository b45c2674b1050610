# MUTANT: placeholders filled by chained str.replace, so an instruction that holds the text
# "{input}" gets the input pasted into it

EXPECTED_CAUSE = "chained str.replace() calls"

_WITH_INPUT = (
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request."
    "\n\n### Instruction:\n{instruction}\n\n### Input:\n{input}"
)
_NO_INPUT = (
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request."
    "\n\n### Instruction:\n{instruction}"
)


def format_input(entry):
    template = _WITH_INPUT if entry["input"] else _NO_INPUT
    filled = template.replace("{instruction}", entry["instruction"])
    return filled.replace("{input}", entry["input"])
