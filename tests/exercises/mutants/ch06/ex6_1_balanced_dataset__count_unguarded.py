import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").count()
    ham = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "counts EVERY row"
