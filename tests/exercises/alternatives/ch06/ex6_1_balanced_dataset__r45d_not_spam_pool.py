# The ham pool as every row that is not spam: Label holds only "ham" or "spam".
import pandas as pd


def create_balanced_dataset(df):
    is_spam = df["Label"] == "spam"
    ham_subset = df[~is_spam].sample(is_spam.sum(), random_state=123)
    return pd.concat([ham_subset, df[is_spam]])
