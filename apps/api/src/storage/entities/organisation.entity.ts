import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'organisation' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Overrides of the live-alert thresholds (validated by the alerts module); null: the defaults. */
  @Column({ type: 'jsonb', nullable: true })
  alertSettings!: Record<string, number> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
