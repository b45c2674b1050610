import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"].sample(len(spam), random_state=123)
    return pd.concat([ham, spam]).astype({"Label": "category"})


EXPECTED_CAUSE = "keep each column's dtype"
