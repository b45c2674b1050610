import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"].drop_duplicates(subset="Text")
    ham_subset = ham.sample(len(spam), random_state=123)
    return pd.concat([ham_subset, spam])


EXPECTED_CAUSE = "(drop_duplicates(subset='Text')) BEFORE sampling"
