import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").count()
    num_ham = (df["Label"] == "ham").sum()
    ham = df[df["Label"] == "ham"].sample(min(num_spam, num_ham), random_state=123)
    return pd.concat([ham, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "you drew every one of the"
