package plan

// CheckVariant reports a *Problem when the plan has no tier or metric of the
// given name ("" is the default of each).
func (p *Plan) CheckVariant(tier, metric string) error {
	if _, _, err := p.tier(tier); err != nil {
		return err
	}
	if metric == "" || metric == RevenueMetric || p.metric(metric) != nil {
		return nil
	}
	return Problemf(metricHint(p), "unknown metric %q", metric)
}
