# MUTANT: the label looked up by the message's text in a dict, so a text that appears
# twice (once spam, once ham) gives both rows its last copy's label
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "looked up by the message's text"


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        self.texts = list(self.data["Text"])
        self.encoded_texts = [tokenizer.encode(text) for text in self.texts]
        if max_length is None:
            self.max_length = max(len(ids) for ids in self.encoded_texts)
        else:
            self.max_length = max_length
            self.encoded_texts = [ids[:max_length] for ids in self.encoded_texts]
        self.encoded_texts = [ids + [pad_token_id] * (self.max_length - len(ids))
                              for ids in self.encoded_texts]
        # label looked up by message text (a dict: repeated text keeps its last label)
        self.label_of = dict(zip(self.data["Text"], self.data["Label"]))

    def __getitem__(self, index):
        label = self.label_of[self.texts[index]]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)
