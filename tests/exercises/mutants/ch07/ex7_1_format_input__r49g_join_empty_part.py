# MUTANT: "\n\n".join of the parts, with "" as the input part when there is none
EXPECTED_CAUSE = "adds '\\n\\n' after the prompt"


def format_input(entry):
    preamble = ("Below is an instruction that describes a task. "
                "Write a response that appropriately completes the request.")
    parts = [preamble, "### Instruction:\n" + entry["instruction"],
             "### Input:\n" + entry["input"] if entry["input"] else ""]
    return "\n\n".join(parts)
