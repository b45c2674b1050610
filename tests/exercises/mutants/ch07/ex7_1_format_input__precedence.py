# MUTANT: conditional expression swallows the whole sum: empty prompt without input
def format_input(entry):
    return ("Below is an instruction that describes a task. Write a response that "
            "appropriately completes the request.\n\n### Instruction:\n" + entry["instruction"]
            + "\n\n### Input:\n" + entry["input"] if entry["input"] else "")

EXPECTED_CAUSE = "the conditional expression takes the whole sum"
