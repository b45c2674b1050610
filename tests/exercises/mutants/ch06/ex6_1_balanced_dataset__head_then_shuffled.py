# MUTANT: takes the first num_spam ham rows (head) and only shuffles them with the seed
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].head(num_spam).sample(frac=1, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "exactly the FIRST 6 ham rows"
