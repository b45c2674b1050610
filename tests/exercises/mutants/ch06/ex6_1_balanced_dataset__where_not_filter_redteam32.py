# MUTANT: df.where(mask) keeps every row (NaN elsewhere); the ham pool is the whole frame
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham = df.where(df["Label"] == "ham")
    ham_subset = ham.sample(num_spam, random_state=123).dropna()
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "df.where(df['Label'] == 'ham')"
