"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./detail.module.css";

/** One month as the charts need it: exact strings, numbers only to draw bars. */
export interface MonthPoint {
  month: string;
  hours: string;
  laborCost: string;
  revenue: string;
}

/** Hours by month beside revenue and labor cost by month, on the same months. */
export function MonthsChart({ months }: { months: MonthPoint[] }) {
  // Plotting only: bar heights need numbers; the exact values are in the table below.
  const data = months.map((m) => ({
    month: m.month,
    hours: Number(m.hours),
    revenue: Number(m.revenue),
    laborCost: Number(m.laborCost),
  }));
  return (
    <div className={styles.pair}>
      <figure className="chart" aria-label="Hours by month">
        <h3>Hours by month</h3>
        <ResponsiveContainer width="100%" height="85%">
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis />
            <Tooltip />
            <Bar dataKey="hours" name="Hours" fill="#6366f1" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart" aria-label="Revenue and labor cost by month">
        <h3>Revenue and labor cost by month (USD)</h3>
        <ResponsiveContainer width="100%" height="85%">
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis />
            <Tooltip />
            <Legend />
            <Bar dataKey="revenue" name="Revenue" fill="#16a34a" />
            <Bar dataKey="laborCost" name="Labor cost" fill="#dc2626" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
