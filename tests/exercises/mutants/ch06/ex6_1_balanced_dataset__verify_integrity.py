import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham_subset = df[df["Label"] == "ham"].sample(len(spam), random_state=123)
    return pd.concat([ham_subset, spam], verify_integrity=True)


EXPECTED_CAUSE = 'verify_integrity=True) refuses index labels'
