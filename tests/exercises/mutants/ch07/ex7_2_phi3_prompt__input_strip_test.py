# MUTANT: whitespace-only input treated as empty (strip in the test)
"""Exercise 7.2 (solution): the Phi-3 prompt style (the book's exercise 7.1)."""


def format_input_phi3(entry):
    input_text = f"\n{entry['input']}" if entry["input"].strip() else ""
    return f"<|user|>\n{entry['instruction']}" + input_text


EXPECTED_CAUSE = 'spaces only is not empty'
