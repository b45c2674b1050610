# MUTANT: the template is filled with re.sub, which reads backslashes in the record's text as
# escapes (a literal "\n" becomes a newline, "\d" raises)
import re

EXPECTED_CAUSE = "re.sub(pattern, text, template) reads backslashes"


def format_input_phi3(entry):
    prompt = re.sub("INSTRUCTION", entry["instruction"], "<|user|>\nINSTRUCTION")
    if entry["input"]:
        prompt = prompt + re.sub("INPUT", entry["input"], "\nINPUT")
    return prompt
