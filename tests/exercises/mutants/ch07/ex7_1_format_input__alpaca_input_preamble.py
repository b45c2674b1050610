# MUTANT: with an input, the original Alpaca's other preamble (", paired with an input ...")
PRE = ("Below is an instruction that describes a task. "
       "Write a response that appropriately completes the request.")
PRE_IN = ("Below is an instruction that describes a task, paired with an input that provides "
          "further context. Write a response that appropriately completes the request.")


def format_input(entry):
    if entry["input"]:
        return (PRE_IN + f"\n\n### Instruction:\n{entry['instruction']}"
                f"\n\n### Input:\n{entry['input']}")
    return PRE + f"\n\n### Instruction:\n{entry['instruction']}"


EXPECTED_CAUSE = "original Alpaca template's with-input"
