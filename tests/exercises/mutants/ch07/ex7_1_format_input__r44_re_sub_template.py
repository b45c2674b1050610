# MUTANT: the template is filled with re.sub, which reads backslashes in the record's text as
# escapes (a literal "\n" becomes a newline, "\d" raises)
import re

EXPECTED_CAUSE = "re.sub(pattern, text, template) reads backslashes"


_TEMPLATE = (
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request."
    "\n\n### Instruction:\n<INSTRUCTION>"
)


def format_input(entry):
    prompt = re.sub("<INSTRUCTION>", entry["instruction"], _TEMPLATE)
    if entry["input"]:
        prompt += re.sub("<INPUT>", entry["input"], "\n\n### Input:\n<INPUT>")
    return prompt
