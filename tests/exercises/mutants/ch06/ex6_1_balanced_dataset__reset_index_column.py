import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham, df[df["Label"] == "spam"]]).reset_index()


EXPECTED_CAUSE = "reset_index() without drop=True"
