# MUTANT: rows with a missing value dropped first (df.dropna()): a spam row with a NaN Text is lost
import pandas as pd


def create_balanced_dataset(df):
    df = df.dropna()
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "rows with a missing Text were dropped"
