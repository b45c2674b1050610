import pandas as pd


def create_balanced_dataset(df, _cache={}):  # noqa: B006 (the mistake)
    if "n" not in _cache:
        _cache["n"] = (df["Label"] == "spam").sum()
    num_spam = _cache["n"]
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "keeps state between calls"
