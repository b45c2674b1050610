# Correct: string.Template substitution (the record's text is never re-substituted)
from string import Template

_HEAD = Template(
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request."
    "\n\n### Instruction:\n$instruction"
)
_INPUT = Template("\n\n### Input:\n$input")


def format_input(entry):
    prompt = _HEAD.substitute(instruction=entry["instruction"])
    if entry["input"]:
        prompt += _INPUT.substitute(input=entry["input"])
    return prompt
