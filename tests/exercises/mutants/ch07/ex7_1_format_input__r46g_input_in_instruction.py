# MUTANT: the input is left out when the instruction already contains its text ("no need to
# repeat it"), so a record whose instruction quotes its input loses the Input section
PREAMBLE = ("Below is an instruction that describes a task. "
            "Write a response that appropriately completes the request.")


def format_input(entry):
    prompt = PREAMBLE + "\n\n### Instruction:\n" + entry["instruction"]
    if entry["input"] and entry["input"] not in entry["instruction"]:
        prompt += "\n\n### Input:\n" + entry["input"]
    return prompt


EXPECTED_CAUSE = "left out because the instruction already holds its text"
