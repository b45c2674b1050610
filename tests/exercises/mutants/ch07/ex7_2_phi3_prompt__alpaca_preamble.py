# MUTANT: keeps the Alpaca preamble before the <|user|> tag
PRE = ("Below is an instruction that describes a task. "
       "Write a response that appropriately completes the request.")


def format_input_phi3(entry):
    text = f"{PRE}\n\n<|user|>\n{entry['instruction']}"
    if entry["input"]:
        text += f"\n{entry['input']}"
    return text


EXPECTED_CAUSE = 'the Alpaca preamble is kept'
