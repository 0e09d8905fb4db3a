package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/framing/framing/evaluate"
	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/model"
)

const modelUsage = "usage: framing model train [--data DIR] [--out FILE] [--check] | framing model eval [--data DIR] [--ablation] [--format text|json]"

// defaultMBIC is the copy of MBIC the shipped model is trained on (with its
// licence); --data points elsewhere.
const defaultMBIC = "model/mbic"

func runModel(ctx context.Context, args []string, st streams) error {
	switch {
	case len(args) > 0 && args[0] == "train":
		return modelTrain(args[1:], st)
	case len(args) > 0 && args[0] == "eval":
		return modelEval(args[1:], st)
	case len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help"):
		fmt.Fprintln(st.out, modelUsage+"\n\nEach takes --help.")
		return nil
	}
	return &exitError{2, errors.New(modelUsage + " (see --help)")}
}

func modelTrain(args []string, st streams) error {
	fs := newFlags("model train", "model train [--data DIR] [--out FILE] [--check]\n\n"+
		"Trains the loadedness model on MBIC (sentences.jsonl, articles.jsonl and bias-lexicon.txt in DIR) and writes its weights.\n"+
		"The shipped weights are rebuilt byte for byte: --check compares instead of writing.", st.err)
	data := fs.String("data", defaultMBIC, "directory holding MBIC's sentences.jsonl and articles.jsonl")
	out := fs.String("out", "model/weights/loaded.txt", "weights file to write; the vocabulary tables go beside it, as vocab.tsv")
	check := fs.Bool("check", false, "compare the trained weights with the shipped ones instead of writing; exit 1 if they differ")
	if err := parse(fs, args); err != nil {
		return err
	}
	sents, arts, err := evaluate.ReadMBIC(*data)
	if err != nil {
		return &exitError{1, err}
	}
	opts := evaluate.TrainOptions{}
	if opts.BiasLexicon, err = evaluate.ReadBiasLexicon(*data); err != nil {
		return &exitError{1, err}
	}
	m, cv, err := evaluate.Train(sents, arts, opts)
	if err != nil {
		return &exitError{1, err}
	}
	var w, v bytes.Buffer
	if err := model.Write(&w, m); err != nil {
		return err
	}
	if err := model.WriteVocab(&v, m.Vocab); err != nil {
		return err
	}
	fmt.Fprintln(st.err, "framing model train:", cv)
	vocabOut := filepath.Join(filepath.Dir(*out), "vocab.tsv")
	if *check {
		shipW, shipV := model.DefaultBytes()
		if !bytes.Equal(w.Bytes(), shipW) || !bytes.Equal(v.Bytes(), shipV) {
			return &exitError{1, errors.New("the trained model differs from the shipped one (model/weights/loaded.txt, vocab.tsv)")}
		}
		fmt.Fprintln(st.err, "framing model train: the shipped model is what training gives, byte for byte")
		return nil
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{vocabOut, v.Bytes()}, {*out, w.Bytes()}} {
		if err := atomicfile.WriteFile(f.path, f.data, 0o644); err != nil {
			return &exitError{1, err}
		}
		fmt.Fprintln(st.out, f.path)
	}
	return nil
}

func modelEval(args []string, st streams) error {
	fs := newFlags("model eval", "model eval [--data DIR] [--ablation] [--format text|json]\n\n"+
		"Cross-validates the loadedness model on MBIC, folds grouped by article and by topic.", st.err)
	data := fs.String("data", defaultMBIC, "directory holding MBIC's sentences.jsonl and articles.jsonl")
	ablation := fs.Bool("ablation", false, "also cross-validate without each group of features")
	noBiasLex := fs.Bool("no-bias-lexicon", false, "leave MBIC's bias lexicon (bias-lexicon.txt in --data) out of the features")
	format := fs.String("format", "text", "text or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	sents, arts, err := evaluate.ReadMBIC(*data)
	if err != nil {
		return &exitError{1, err}
	}
	opts := evaluate.TrainOptions{}
	if !*noBiasLex {
		if opts.BiasLexicon, err = evaluate.ReadBiasLexicon(*data); err != nil {
			return &exitError{1, err}
		}
	}
	rep, err := evaluate.EvaluateModel(sents, arts, opts, *ablation)
	if err != nil {
		return &exitError{1, err}
	}
	rep.Data = *data
	if *format == "json" {
		enc := json.NewEncoder(st.out)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	w := st.out
	fmt.Fprintf(w, "MBIC (%s), feature lexicons %v, L2 %v\n", *data, rep.Options.Lexicons, rep.Options.L2)
	for _, x := range []struct {
		name string
		r    *evaluate.CVResult
	}{{"folds by article", rep.ByArticle}, {"folds by topic", rep.ByTopic}} {
		r := x.r
		fmt.Fprintf(w, "\n%s (%d folds):\n", x.name, r.Folds)
		ci := func(i evaluate.Interval) string { return fmt.Sprintf("[%.3f, %.3f]", i[0], i[1]) }
		fmt.Fprintf(w, "  token AUC %.3f %s (%d scored words, %d marked)\n", r.TokenAUC, ci(r.TokenAUCCI), r.Tokens, r.Positives)
		fmt.Fprintf(w, "  sentence AUC %.3f %s (%d sentences; the highest word probability alone: %.3f)\n", r.SentAUC, ci(r.SentAUCCI), r.Sentences, r.SentAUCMax)
		fmt.Fprintf(w, "  at the shipped thresholds (%.2f listed loaded, %.2f valence only, %.2f unlisted): marked words precision %.3f %s, recall %.3f %s\n",
			r.Threshold, r.Valence, r.Unlisted, r.Words.Precision, ci(r.PrecisionCI), r.Words.Recall, ci(r.RecallCI))
		if p, ok := evaluate.BestRecall(r.Points, 0.40); ok {
			fmt.Fprintf(w, "  highest recall at precision >= 0.40: --threshold %.2f gives precision %.3f, recall %.3f\n", p.Threshold, p.Precision, p.Recall)
		}
	}
	fmt.Fprintln(w, "\n95% intervals: resampling MBIC's articles (200 times), the out-of-fold probabilities fixed.")
	fmt.Fprintln(w, "\ncalibration (folds by article), by decile of predicted probability:")
	fmt.Fprintln(w, "  predicted range      words  predicted  observed")
	for _, d := range rep.ByArticle.Calibration {
		fmt.Fprintf(w, "  %.3f-%.3f  %12d  %9.3f  %8.3f\n", d.Lo, d.Hi, d.N, d.Predicted, d.Observed)
	}
	if len(rep.Ablation) > 0 {
		fmt.Fprintln(w, "\nablation (folds by article), each row without one group of features:")
		fmt.Fprintf(w, "  %-28s %8s %9s %12s %9s %7s\n", "without", "features", "token AUC", "sentence AUC", "precision", "recall")
		fmt.Fprintf(w, "  %-28s %8s %9.3f %12.3f %9.3f %7.3f\n", "(nothing)", "", rep.ByArticle.TokenAUC, rep.ByArticle.SentAUC, rep.ByArticle.Content.Precision, rep.ByArticle.Content.Recall)
		for _, a := range rep.Ablation {
			fmt.Fprintf(w, "  %-28s %8d %9.3f %12.3f %9.3f %7.3f\n", a.Without, a.Features, a.TokenAUC, a.SentAUC, a.Precision, a.Recall)
		}
	}
	return nil
}
