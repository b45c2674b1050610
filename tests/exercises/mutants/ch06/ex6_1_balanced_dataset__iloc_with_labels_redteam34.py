# MUTANT: sampled ham rows' index labels used as positions (df.iloc[labels])
import pandas as pd


def create_balanced_dataset(df):
    num_spam = int((df["Label"] == "spam").sum())
    ham_labels = df.index[df["Label"] == "ham"]
    chosen = pd.Series(ham_labels).sample(num_spam, random_state=123)
    ham_subset = df.iloc[chosen.to_numpy()]
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "index LABELS (such as a sample's .index) were given to .iloc"
